import {
  buildGruNetwork,
  GRU_NETWORK_DEFAULTS,
  gruNetworkWeights,
} from '../networks/gru.network.js';
import { neuralFactory } from '../neural/neural-factory.js';

export const factory = neuralFactory(
  'gru',
  'Global GRU over weekly patches of the last 28 days + dense skip path, direct P10/P50/P90 head, conformal band',
  { ...GRU_NETWORK_DEFAULTS, batchSize: 512, timeBudgetSec: 90 },
  buildGruNetwork,
  gruNetworkWeights,
);
