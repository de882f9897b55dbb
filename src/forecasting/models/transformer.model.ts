import {
  buildTransformerNetwork,
  TRANSFORMER_NETWORK_DEFAULTS,
  transformerNetworkWeights,
} from '../networks/transformer.network.js';
import { neuralFactory } from '../neural/neural-factory.js';

export const factory = neuralFactory(
  'transformer',
  'Global self-attention encoder over weekly patches (custom layers) + dense skip path, direct P10/P50/P90 head, conformal band',
  { ...TRANSFORMER_NETWORK_DEFAULTS, batchSize: 512, timeBudgetSec: 90 },
  buildTransformerNetwork,
  transformerNetworkWeights,
);
