import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class CallNextDto {
  @ApiPropertyOptional({ description: 'Seat at an assisted self-service station; default the first free one' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(12)
  seat?: number;
}

export class PauseDto {
  @ApiPropertyOptional({ example: 'Lunch' }) @IsOptional() @IsString() @MaxLength(80) reason?: string;
  @ApiPropertyOptional({ description: 'How long the pause is expected to last; wait estimates count on the counter being back then', example: 30, minimum: 1, maximum: 480 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(480)
  expectedMinutes?: number;
}

export class HoldDto {
  @ApiPropertyOptional({ description: 'Take the counter over from whoever holds it (after the page asked for confirmation)' })
  @IsOptional()
  @IsBoolean()
  takeover?: boolean;
}
