import { ValidationPipe } from '@nestjs/common';

/** Unknown fields are refused, types are converted only where declared, and every message is returned. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
  });
}
