import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, Matches, Max, Min, ValidateIf } from 'class-validator';

export class BookingShareDto {
  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 1, description: 'The share of the planned counter time that can be booked; null: computed from the walk-in target' })
  @ValidateIf((o) => o.share !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  share: number | null;
  @ApiPropertyOptional({ example: '2027-03-29', description: 'Only this site date; absent: every day' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  date?: string;
}

class CounterPlanEntrySchema {
  @ApiProperty({ format: 'uuid' }) counterId: string;
  @ApiProperty({ example: '08:00' }) opens: string;
  @ApiProperty({ example: '15:00' }) closes: string;
}

class CounterPlanExceptionSchema {
  @ApiProperty({ example: '2027-03-29' }) date: string;
  @ApiProperty({ type: [CounterPlanEntrySchema] }) entries: CounterPlanEntrySchema[];
}

class CounterPlanWeekSchema {
  @ApiPropertyOptional({ type: [CounterPlanEntrySchema] }) mon?: CounterPlanEntrySchema[];
  @ApiPropertyOptional({ type: [CounterPlanEntrySchema] }) tue?: CounterPlanEntrySchema[];
  @ApiPropertyOptional({ type: [CounterPlanEntrySchema] }) wed?: CounterPlanEntrySchema[];
  @ApiPropertyOptional({ type: [CounterPlanEntrySchema] }) thu?: CounterPlanEntrySchema[];
  @ApiPropertyOptional({ type: [CounterPlanEntrySchema] }) fri?: CounterPlanEntrySchema[];
  @ApiPropertyOptional({ type: [CounterPlanEntrySchema] }) sat?: CounterPlanEntrySchema[];
  @ApiPropertyOptional({ type: [CounterPlanEntrySchema] }) sun?: CounterPlanEntrySchema[];
}

/** The counter plan as sent and answered; validated whole by validateCounterPlan (400 invalid_counter_plan). */
export class CounterPlanSchema {
  @ApiProperty({ type: CounterPlanWeekSchema }) weekly: CounterPlanWeekSchema;
  @ApiPropertyOptional({ type: [CounterPlanExceptionSchema] }) exceptions?: CounterPlanExceptionSchema[];
}
