import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { z } from 'zod';
import { TARGETS, type Target } from '../../data/series-panel.js';
import { ValidationReportDto } from '../../data/dto/validation-report.dto.js';
import { IsOmittable } from '../../common/validation/is-omittable.decorator.js';

/** Rows one JSON request may carry. */
export const MAX_ACTUAL_ROWS = 200_000;

/** The JSON body of POST /data/actuals (checked with zod: the route also takes multipart uploads). */
export const actualsJsonSchema = z.strictObject({
  target: z.enum(TARGETS).default('quantity'),
  rows: z
    .array(
      z.strictObject({
        unique_id: z.string().min(1).max(200),
        ds: z.string().min(1).max(40),
        y: z.number(),
      }),
    )
    .min(1)
    .max(MAX_ACTUAL_ROWS),
});

export class ActualRowDto {
  @ApiProperty({ example: '102900005115762' }) unique_id!: string;
  @ApiProperty({ example: '2023-07-01' }) ds!: string;
  @ApiProperty({ example: 12.4, description: 'The target value that day (kg for quantity)' })
  y!: number;
}

export class ActualsJsonBodyDto {
  @ApiPropertyOptional({ enum: TARGETS, default: 'quantity' }) target?: Target;
  @ApiProperty({ type: [ActualRowDto], maxItems: MAX_ACTUAL_ROWS }) rows!: ActualRowDto[];
}

export class ActualsQueryDto {
  @ApiPropertyOptional({
    enum: TARGETS,
    default: 'quantity',
    description:
      'For a long-format upload: the target its y holds (annex2 sales give quantity and price; ' +
      'with wholesale they are refused, 400)',
  })
  @IsOmittable()
  @IsIn(TARGETS)
  target?: Target;
}

export class ActualsStoredDto {
  @ApiProperty({ enum: TARGETS }) target!: Target;
  @ApiProperty({ description: 'Item-days in the batch' }) rows!: number;
  @ApiProperty({ description: 'Item-days new or with a new value' }) changed!: number;
  @ApiProperty({ description: 'Item-days already stored with the same value' }) unchanged!: number;
  @ApiProperty({ type: [String] }) days!: string[];
}

export class ActualsAcceptedDto {
  @ApiProperty({ type: [ActualsStoredDto] }) stored!: ActualsStoredDto[];
  @ApiProperty({ type: ValidationReportDto }) report!: ValidationReportDto;
}
