export * from './config';
export * from './saml-config';
