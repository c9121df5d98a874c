import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { refuseCprNumbers } from './free-text';

/**
 * Unknown fields are refused, types are converted only where declared, and every
 * message is returned. First every string of the body is checked for CPR numbers.
 */
class SkrankeValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body') refuseCprNumbers(value, metadata.metatype);
    return super.transform(value, metadata);
  }
}

export function validationPipe(): ValidationPipe {
  return new SkrankeValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
  });
}
