import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

export class TicketPriorityDto {
  @ApiProperty({ minimum: 0, maximum: 9, description: '0: no priority group; higher gets a larger head start' })
  @IsInt()
  @Min(0)
  @Max(9)
  priority: number;
}
