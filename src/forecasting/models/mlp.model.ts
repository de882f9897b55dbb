import { buildMlpNetwork, MLP_NETWORK_DEFAULTS } from '../networks/mlp.network.js';
import { neuralFactory } from '../neural/neural-factory.js';

/** Default kind: fast on wasm (full demo data in well under a minute) and accurate. */
export const factory = neuralFactory(
  'mlp',
  'Global dense network, direct 1..H day head with P10/P50/P90 (pinball loss), conformal band',
  { ...MLP_NETWORK_DEFAULTS, timeBudgetSec: 45 },
  buildMlpNetwork,
);
