import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import type { AppConfig } from '../config/app-config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { DataController } from './data.controller.js';
import { MAX_UPLOAD_FILES } from './dto/validate-upload.dto.js';

/** POST /data/validate and GET /data/features. Uploads stay in memory, each up to server.uploadLimitMb. */
@Module({
  imports: [
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        defParamCharset: 'utf8',
        limits: {
          fileSize: Math.floor(config.server.uploadLimitMb * 1024 * 1024),
          files: MAX_UPLOAD_FILES + 1,
          fields: 20,
        },
      }),
    }),
  ],
  controllers: [DataController],
})
export class DataModule {}
