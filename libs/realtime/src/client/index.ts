export * from './display-model';
export * from './site-feed';
