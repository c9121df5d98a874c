/** The shape of every id in the API (a UUID); checked before an id reaches a query. */
export const UUID_PATTERN = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

const UUID = new RegExp(`^${UUID_PATTERN}$`, 'i');

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
