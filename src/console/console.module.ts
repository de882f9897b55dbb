import { Module } from '@nestjs/common';
import { ConsoleController } from './console.controller.js';

/** GET / (redirect), GET /console and its bundle (built into dist/console by `npm run build`). */
@Module({ controllers: [ConsoleController] })
export class ConsoleModule {}
