// Lint for mistakes, not style: typescript-eslint's recommended rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Reaches into a library's insides: its private state, unexported helpers, or methods replaced at run time. */
const PRIVATE_MEMBERS = [
  {
    selector: 'MemberExpression[property.name=/^(parsedStatements|prepareValue)$/], MemberExpression[property.value=/^(parsedStatements|prepareValue)$/]',
    message: 'pg internals: send parameters with client.query({ name, text, values }).',
  },
  {
    selector: 'AssignmentExpression > MemberExpression.left[property.name=/^(isTransactionActive|transactionDepth)$/]',
    message: 'TypeORM transaction state is TypeORM\'s: use startTransaction/commitTransaction, or one function call (site-function.ts).',
  },
  {
    selector: 'AssignmentExpression > MemberExpression.left[property.name=/^(query|connect|emit|listeners)$/]',
    message: 'Do not replace a library object\'s methods (monkey-patching).',
  },
  {
    selector: 'MemberExpression[object.type!="ThisExpression"][property.name=/^_[A-Za-z]/]',
    message: 'An underscore member is private to its library.',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test/artifacts/**', 'apps/*/web/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
      // Public APIs of dependencies only: an upgrade must not break the core silently (issue 17).
      'no-restricted-syntax': ['error', ...PRIVATE_MEMBERS],
    },
  },
  { files: ['**/*.js', '**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' } }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
