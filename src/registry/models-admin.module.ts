import { Module } from '@nestjs/common';
import { ModelsController } from './models.controller.js';

/**
 * The admin HTTP routes of the model registry (/models, behind x-api-key). Uses the app's one
 * ModelRegistryService (RegistryModule is global, imported by the root module).
 */
@Module({ controllers: [ModelsController] })
export class ModelsAdminModule {}
