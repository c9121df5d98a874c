import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, ValidateIf } from 'class-validator';

export class PrinterDto {
  @ApiProperty({
    nullable: true,
    example: '10.0.4.21:9100',
    description:
      'ip:port ([ipv6]:port) of an ESC/POS network printer on the site’s network, port 9100-9109 (any within PRINTER_ALLOWED_RANGES); null removes it, and a missing address is refused (never read as a removal). ' +
      'Refused with 400: printer_address_invalid, printer_address_not_ip (a name), printer_address_refused (loopback, link-local, metadata, unspecified, multicast, broadcast), printer_port_refused',
  })
  @ValidateIf((_, address) => address !== null)
  @IsString()
  @Matches(/^(\[[0-9A-Fa-f:.]{2,45}\]|[A-Za-z0-9.-]{1,253}):[0-9]{1,5}$/)
  address: string | null;
}
