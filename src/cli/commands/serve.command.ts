import { isModelDir } from '../../forecasting/io/model-dir.js';
import type { CliCommand } from '../command.types.js';
import { CommandError } from '../cli.errors.js';
import { optString } from '../option-readers.js';
import { ServerStartError, startServer } from '../../server.bootstrap.js';

export const serveCommand: CliCommand = {
  path: ['serve'],
  summary:
    'Start the API server; with --sagemaker (or FRESHCAST_SAGEMAKER=1) the SageMaker container contract on port 8080 (GET /ping, POST /invocations)',
  usage: 'freshcast serve [--sagemaker] [--model DIR]',
  options: {
    sagemaker: { type: 'boolean' },
    model: { type: 'string' },
  },
  async run({ values, io }) {
    const model = optString(values, 'model');
    const sagemaker: Record<string, unknown> = {};
    if (values.sagemaker === true) sagemaker.enabled = true;
    if (model !== undefined) {
      if (!isModelDir(model))
        throw new CommandError(`${model} is not a saved model folder (no forecaster.json in it)`);
      sagemaker.modelDir = model;
    }
    try {
      await startServer(Object.keys(sagemaker).length > 0 ? { sagemaker } : {});
    } catch (err) {
      if (err instanceof ServerStartError) throw new CommandError(err.message);
      throw err;
    }
    io.err('server started; stop it with Ctrl-C (SIGINT) or SIGTERM\n');
    return 0;
  },
};
