import {
  buildLstmNetwork,
  LSTM_NETWORK_DEFAULTS,
  lstmNetworkWeights,
} from '../networks/lstm.network.js';
import { neuralFactory } from '../neural/neural-factory.js';

export const factory = neuralFactory(
  'lstm',
  'Global LSTM over weekly patches of the last 28 days + dense skip path, direct P10/P50/P90 head, conformal band',
  { ...LSTM_NETWORK_DEFAULTS, batchSize: 512, timeBudgetSec: 90 },
  buildLstmNetwork,
  lstmNetworkWeights,
);
