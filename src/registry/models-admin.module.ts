import { Module } from '@nestjs/common';
import { LeaderboardController } from './leaderboard.controller.js';
import { ModelsController } from './models.controller.js';

/**
 * The admin HTTP routes of the model registry (/models, behind x-api-key). Uses the app's one
 * ModelRegistryService (RegistryModule is global, imported by the root module).
 */
@Module({ controllers: [ModelsController, LeaderboardController] })
export class ModelsAdminModule {}
