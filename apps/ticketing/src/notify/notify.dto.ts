import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

export class PushKeysDto {
  @ApiProperty({ description: 'The browser’s P-256 public key, base64url' }) @IsString() @MaxLength(200) p256dh: string;
  @ApiProperty({ description: 'The authentication secret, base64url' }) @IsString() @MaxLength(100) auth: string;
}

/** PushSubscription.toJSON() of the browser. */
export class PushSubscriptionDto {
  @ApiProperty({ example: 'https://fcm.googleapis.com/fcm/send/…', description: 'The push service’s https endpoint' }) @IsString() @MaxLength(1000) endpoint: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsNumber() expirationTime?: number | null;
  @ApiProperty({ type: PushKeysDto }) @IsObject() @ValidateNested() @Type(() => PushKeysDto) keys: PushKeysDto;
}

/** Exactly one way to be told that the turn is near: a Danish mobile number, an e-mail address or web push. */
export class NotifyMeDto {
  @ApiPropertyOptional({ example: '+45 12 34 56 78', description: 'SMS: a Danish mobile number, +45 and 8 digits' }) @IsOptional() @IsString() @MaxLength(24) phone?: string;
  @ApiPropertyOptional({ example: 'borger@example.dk' }) @IsOptional() @IsString() @MaxLength(254) email?: string;
  @ApiPropertyOptional({ type: PushSubscriptionDto, description: 'Web push: the browser’s subscription' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PushSubscriptionDto)
  push?: PushSubscriptionDto;
}
