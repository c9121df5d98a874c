import { ValidateBy, getMetadataStorage } from 'class-validator';
import { containsCprNumber, invalid } from '@skranke/domain';

/**
 * Every string a person can send is free text to the CPR check unless its DTO
 * field says otherwise, so a new DTO cannot forget the check. The two markers
 * are class-validator metadata (always valid) so that PartialType and friends
 * carry them over to derived DTOs.
 */
const NOT_FREE_TEXT = 'notFreeText';
const CPR_CODE = 'cprCode';

/** A value that is never stored nor shown (a password): the CPR check leaves it alone. */
export const NotFreeText = () => ValidateBy({ name: NOT_FREE_TEXT, validator: { validate: () => true } });

/** The error code a CPR number in this field gets, where a page already knows a more specific one than `cpr_not_allowed`. */
export const CprErrorCode = (code: string) => ValidateBy({ name: CPR_CODE, constraints: [code], validator: { validate: () => true } });

type Class = abstract new (...args: never[]) => unknown;

interface FieldRule {
  skip?: boolean;
  code?: string;
}

const rulesOf = new WeakMap<Class, Map<string, FieldRule>>();

function fieldRules(type: Class): Map<string, FieldRule> {
  let rules = rulesOf.get(type);
  if (!rules) {
    rules = new Map();
    for (const m of getMetadataStorage().getTargetValidationMetadatas(type, '', true, false)) {
      if (m.name === NOT_FREE_TEXT) rules.set(m.propertyName, { ...rules.get(m.propertyName), skip: true });
      if (m.name === CPR_CODE) rules.set(m.propertyName, { ...rules.get(m.propertyName), code: String(m.constraints[0]) });
    }
    rulesOf.set(type, rules);
  }
  return rules;
}

/** Ids are not text; a random UUID can hold ten digits in a row that read as a date. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The DTO class a field holds, as TypeScript recorded it. Plain values, lists and
 * fields of mapped types (PartialType) have none: their strings are all checked.
 */
function nestedType(type: Class | undefined, key: string): Class | undefined {
  const t = type && Reflect.getMetadata('design:type', type.prototype, key);
  return typeof t === 'function' && ![String, Number, Boolean, Object, Array, Date].includes(t) ? t : undefined;
}

/**
 * Throws 400 `cpr_not_allowed` (or the field's own code) when any string in a body
 * looks like a CPR number. Runs before validation, so a CPR number gets this answer
 * whatever else is wrong with the field.
 */
export function refuseCprNumbers(body: unknown, type?: Class): void {
  const stack: { value: unknown; path: string; code: string; type?: Class }[] = [{ value: body, path: '', code: 'cpr_not_allowed', type }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value, path, code } = item;
    if (typeof value === 'string') {
      if (!UUID.test(value) && containsCprNumber(value)) {
        throw invalid(code, `${path || 'The text'} looks like it contains a CPR number. Never write a CPR number here.`);
      }
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, path: `${path}[${i}]`, code }));
    } else if (value && typeof value === 'object') {
      const rules = item.type && fieldRules(item.type);
      for (const [key, v] of Object.entries(value)) {
        const rule = rules?.get(key);
        if (!rule?.skip) stack.push({ value: v, path: path ? `${path}.${key}` : key, code: rule?.code ?? code, type: nestedType(item.type, key) });
      }
    }
  }
}
