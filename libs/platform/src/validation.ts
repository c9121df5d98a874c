import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { refuseCprNumbers } from './free-text';

/**
 * Unknown fields are refused, types are converted only where declared, and every
 * message is returned. Then every string of the body is checked for CPR numbers.
 */
class SkrankeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const out = await super.transform(value, metadata);
    if (metadata.type === 'body') refuseCprNumbers(out);
    return out;
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
