import { Body, Controller, Delete, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../common/auth/admin-only.decorator.js';
import { ApiErrorResponses } from '../common/swagger/api-error-responses.decorator.js';
import {
  CandidateRemovedDto,
  CandidateStatusDto,
  CandidateTargetParamDto,
  SetCandidateDto,
} from './dto/candidate.dto.js';
import { CandidateRouterService } from './candidate-router.service.js';

const DEFAULT_CANARY_SHARE = 0.1;

@ApiTags('serving (admin)')
@AdminOnly()
@Controller('serving/candidate')
export class CandidateController {
  constructor(private readonly candidates: CandidateRouterService) {}

  @Put()
  @ApiOperation({
    summary: 'Serve a registered model next to prod: canary (a sticky share of items) or shadow',
    description:
      'Responses say which model answered (`model_version`, `served_by`). Promoting the candidate to prod ends it.',
  })
  @ApiOkResponse({ type: CandidateStatusDto })
  @ApiErrorResponses(400, 404, 409, 503)
  set(@Body() body: SetCandidateDto): Promise<CandidateStatusDto> {
    return this.candidates.setCandidate(
      body.target ?? 'quantity',
      body.model_id,
      body.mode,
      body.share ?? DEFAULT_CANARY_SHARE,
    );
  }

  @Get(':target')
  @ApiOperation({ summary: "The target's candidate, or null" })
  @ApiOkResponse({ type: CandidateStatusDto })
  @ApiErrorResponses(400)
  get(@Param() p: CandidateTargetParamDto): CandidateStatusDto | null {
    return this.candidates.candidate(p.target);
  }

  @Delete(':target')
  @ApiOperation({ summary: "Stop serving the target's candidate" })
  @ApiOkResponse({ type: CandidateRemovedDto })
  @ApiErrorResponses(400)
  clear(@Param() p: CandidateTargetParamDto): CandidateRemovedDto {
    return { removed: this.candidates.clearCandidate(p.target) };
  }
}
