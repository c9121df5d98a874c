import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, ValidateIf } from 'class-validator';

export class PrinterDto {
  @ApiProperty({ nullable: true, example: '10.0.4.21:9100', description: 'host:port of an ESC/POS network printer; null removes it (a missing address is refused, never read as a removal)' })
  @ValidateIf((_, address) => address !== null)
  @IsString()
  @Matches(/^[A-Za-z0-9.-]{1,253}:[0-9]{1,5}$/)
  address: string | null;
}
