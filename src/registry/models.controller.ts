import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../common/auth/admin-only.decorator.js';
import { ApiErrorResponses } from '../common/swagger/api-error-responses.decorator.js';
import { Actor, ApiActorHeader } from './dto/actor.decorator.js';
import { AliasPathDto, aliasRemoved, AliasRemovedDto, SetAliasDto } from './dto/model-alias.dto.js';
import { ModelDeletedDto, modelDeleted } from './dto/model-deletion.dto.js';
import {
  ModelHistoryDto,
  ModelHistoryQueryDto,
  TargetHistoryQueryDto,
  toModelHistory,
} from './dto/model-history.dto.js';
import { ListModelsQueryDto, ModelListDto, toModelList } from './dto/model-list.dto.js';
import {
  MODEL_ID_DESCRIPTION,
  MODEL_ID_EXAMPLE,
  ModelVersionDto,
  toModelVersionDto,
} from './dto/model-version.dto.js';
import {
  promoteOptions,
  PromoteModelDto,
  PromotionResultDto,
  toPromotionResultDto,
} from './dto/promote-model.dto.js';
import {
  changeContext,
  RollbackDto,
  RollbackResultDto,
  toRollbackResultDto,
} from './dto/rollback.dto.js';
import { parseModelId } from './model-id.js';
import { ModelRegistryService } from './model-registry.service.js';

const ID_PARAM = { name: 'id', description: MODEL_ID_DESCRIPTION, example: MODEL_ID_EXAMPLE };

/** Admin routes over the model registry (x-api-key): list, inspect, promote, roll back, delete. */
@ApiTags('models')
@AdminOnly()
@Controller('models')
export class ModelsController {
  constructor(private readonly registry: ModelRegistryService) {}

  @Get()
  @ApiOperation({
    summary: 'List registered models',
    description:
      'Newest first, filtered by target, kind, stage and alias. Documents that cannot be read ' +
      '(corrupt manifest or state) are reported in `errors` while the rest still lists.',
  })
  @ApiOkResponse({ type: ModelListDto })
  @ApiErrorResponses(400)
  async list(@Query() query: ListModelsQueryDto): Promise<ModelListDto> {
    return toModelList(await this.registry.list(query));
  }

  @Get('history')
  @ApiOperation({
    summary: "A target's registry history",
    description:
      'Every registration, stage change, promotion, rollback, alias change and deletion.',
  })
  @ApiOkResponse({ type: ModelHistoryDto, description: 'Entries, oldest first' })
  @ApiErrorResponses(400)
  async history(@Query() query: TargetHistoryQueryDto): Promise<ModelHistoryDto> {
    const result = await this.registry.history(query.target, { id: query.id, limit: query.limit });
    return toModelHistory(result);
  }

  @Post('rollback')
  @HttpCode(200)
  @ApiActorHeader()
  @ApiOperation({
    summary: "Return a target's prod model to the previous one",
    description: 'No gates (it was prod before); the replaced model is archived. 409 without one.',
  })
  @ApiOkResponse({ type: RollbackResultDto })
  @ApiErrorResponses(400, 409)
  async rollback(@Body() body: RollbackDto, @Actor() actor: string): Promise<RollbackResultDto> {
    return toRollbackResultDto(
      await this.registry.rollback(body.target, changeContext(body, actor)),
    );
  }

  @Delete('aliases/:target/:alias')
  @ApiActorHeader()
  @ApiOperation({ summary: 'Remove an alias of a target (idempotent: removed is false if absent)' })
  @ApiOkResponse({ type: AliasRemovedDto })
  @ApiErrorResponses(400, 409)
  async removeAlias(@Param() path: AliasPathDto, @Actor() actor: string): Promise<AliasRemovedDto> {
    return aliasRemoved(path, await this.registry.removeAlias(path.target, path.alias, { actor }));
  }

  @Get(':id')
  @ApiParam(ID_PARAM)
  @ApiOperation({ summary: 'One model in full: manifest, stage and aliases' })
  @ApiOkResponse({ type: ModelVersionDto })
  @ApiErrorResponses(400, 404, 422)
  async get(@Param('id') id: string): Promise<ModelVersionDto> {
    return toModelVersionDto(await this.registry.get(id));
  }

  @Get(':id/history')
  @ApiParam(ID_PARAM)
  @ApiOperation({ summary: "A model's history (entries about it, or where it lost a stage/alias)" })
  @ApiOkResponse({ type: ModelHistoryDto, description: 'Entries, oldest first' })
  @ApiErrorResponses(400, 404)
  async modelHistory(
    @Param('id') id: string,
    @Query() query: ModelHistoryQueryDto,
  ): Promise<ModelHistoryDto> {
    const result = await this.registry.history(parseModelId(id).target, { id, limit: query.limit });
    // A deleted model keeps its history; an id with none that names no model is a 404.
    if (result.entries.length === 0) await this.registry.get(id);
    return toModelHistory(result);
  }

  @Post(':id/promote')
  @HttpCode(200)
  @ApiParam(ID_PARAM)
  @ApiActorHeader()
  @ApiOperation({
    summary: 'Promote a model to staging, or to prod through the gates',
    description:
      'staging: no gates. prod: every gate must pass, else 422 with the gate results in ' +
      '`details` (failed, gates); `force` with a `reason` overrides them and is recorded. The ' +
      'former prod model is archived and can be rolled back to.',
  })
  @ApiOkResponse({ type: PromotionResultDto })
  @ApiErrorResponses(400, 404, 409, 422)
  async promote(
    @Param('id') id: string,
    @Body() body: PromoteModelDto,
    @Actor() actor: string,
  ): Promise<PromotionResultDto> {
    return toPromotionResultDto(await this.registry.promote(id, promoteOptions(body, actor)));
  }

  @Put(':id/aliases/:alias')
  @ApiParam(ID_PARAM)
  @ApiParam({
    name: 'alias',
    example: 'challenger',
    description: 'Alias name: champion, challenger, or another short lower-case name',
  })
  @ApiActorHeader()
  @ApiOperation({ summary: "Point an alias of the model's target at this model" })
  @ApiOkResponse({ type: ModelVersionDto, description: 'The model, now holding the alias' })
  @ApiErrorResponses(400, 404, 409, 422)
  async setAlias(
    @Param('id') id: string,
    @Param('alias') alias: string,
    @Body() body: SetAliasDto,
    @Actor() actor: string,
  ): Promise<ModelVersionDto> {
    return toModelVersionDto(await this.registry.setAlias(alias, id, changeContext(body, actor)));
  }

  @Delete(':id')
  @ApiParam(ID_PARAM)
  @ApiActorHeader()
  @ApiOperation({
    summary: 'Delete a model and its artifacts',
    description: 'Refused with 409 for the prod model and for a model an alias points at.',
  })
  @ApiOkResponse({ type: ModelDeletedDto })
  @ApiErrorResponses(400, 404, 409)
  delete(@Param('id') id: string, @Actor() actor: string): Promise<ModelDeletedDto> {
    return this.registry.delete(id, { actor }).then(() => modelDeleted(id));
  }
}
