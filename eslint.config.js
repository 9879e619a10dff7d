import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // User text must only ever reach the DOM as text.
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Insert user text with textContent, never as HTML.' },
        { property: 'outerHTML', message: 'Insert user text with textContent, never as HTML.' },
        { property: 'insertAdjacentHTML', message: 'Insert user text as text, never as HTML.' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Test helpers (e.g. the W3C annotation-model checker) never reach the app bundle.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts', 'src/**/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/testing/*'], message: 'Test helpers are for tests only.' },
            {
              // Vite's dev server injects CSS imported from a module as an
              // inline <style>, which the CSP (style-src 'self') refuses.
              group: ['*.css', '**/*.css'],
              message:
                'Add the stylesheet to src/ui/glossa.css with @import: the CSP allows no inline styles.',
            },
          ],
        },
      ],
    },
  },
);
