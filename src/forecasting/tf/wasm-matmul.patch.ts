import * as tf from '@tensorflow/tfjs';

/**
 * tfjs-backend-wasm 4.22's BatchMatMul is ≈ 13× slower when `transposeA`/`transposeB` is set, and every
 * dense/recurrent backward pass uses those forms. The patch swaps the registered wasm kernel for one that
 * transposes the flagged operand first (wasm Transpose kernel, last two axes) and then calls the original
 * kernel without flags. Only ever applied to the wasm backend.
 */
const KERNEL = 'BatchMatMul';
const BACKEND = 'wasm';

interface MatMulAttrs {
  transposeA?: boolean;
  transposeB?: boolean;
}

interface DataDisposer {
  disposeData(dataId: object, force?: boolean): boolean;
}

/** The kernel that was registered before patching; set while the patch is applied. */
let original: tf.KernelConfig | undefined;

function swapLastTwo(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return perm;
}

function patchedKernel(base: tf.KernelConfig, transpose: tf.KernelFunc): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { transposeA, transposeB } = (attrs ?? {}) as MatMulAttrs;
    if (!transposeA && !transposeB) return base.kernelFunc({ inputs, backend, attrs });
    const disposer = backend as DataDisposer;
    const temporaries: tf.TensorInfo[] = [];
    const plain = (x: tf.TensorInfo): tf.TensorInfo => {
      const t = transpose({ inputs: { x }, backend, attrs: { perm: swapLastTwo(x.shape.length) } });
      const info = Array.isArray(t) ? t[0] : t;
      temporaries.push(info);
      return info;
    };
    const { a: inA, b: inB } = inputs;
    if (!inA || !inB) throw new Error('BatchMatMul needs inputs a and b');
    try {
      const a = transposeA ? plain(inA) : inA;
      const b = transposeB ? plain(inB) : inB;
      return base.kernelFunc({
        inputs: { a, b },
        backend,
        attrs: { ...attrs, transposeA: false, transposeB: false },
      });
    } finally {
      for (const t of temporaries) disposer.disposeData(t.dataId);
    }
  };
}

/** Applies the patch (idempotent). Requires the wasm backend module to be loaded (its kernels registered). */
export function patchWasmBatchMatMul(): void {
  if (original) return;
  const base = tf.getKernel(KERNEL, BACKEND);
  const transpose = tf.getKernel('Transpose', BACKEND);
  if (!base || !transpose)
    throw new Error('wasm kernels are not registered: load the wasm backend first');
  tf.unregisterKernel(KERNEL, BACKEND);
  tf.registerKernel({
    kernelName: KERNEL,
    backendName: BACKEND,
    setupFunc: base.setupFunc,
    disposeFunc: base.disposeFunc,
    kernelFunc: patchedKernel(base, transpose.kernelFunc),
  });
  original = base;
}

/** Restores the original wasm kernel (tests compare patched and unpatched results with it). */
export function unpatchWasmBatchMatMul(): void {
  if (!original) return;
  tf.unregisterKernel(KERNEL, BACKEND);
  tf.registerKernel(original);
  original = undefined;
}

export function isWasmBatchMatMulPatched(): boolean {
  return original !== undefined;
}
