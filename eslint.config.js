import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', '.data/', 'tests/e2e/screenshots/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			// The app is served from the root path; plain hrefs are correct here.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig }
		}
	},
	{
		// Person-level tables are reachable only from src/lib/server/restricted/ (DESIGN.md,
		// anonymisation rules): elsewhere neither its typed view nor the table's name may appear.
		files: ['src/**/*.ts', 'src/**/*.svelte', 'scripts/**/*.ts'],
		ignores: ['src/lib/server/restricted/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ patterns: [{ group: ['**/restricted/schema', '$lib/server/restricted/schema'], message: 'Only src/lib/server/restricted/ may use the person-level schema.' }] }
			],
			'no-restricted-syntax': [
				'error',
				{ selector: 'Literal[value=/restricted\\./]', message: 'Person-level tables are reached only through src/lib/server/restricted/.' },
				{ selector: 'TemplateElement[value.raw=/restricted\\./]', message: 'Person-level tables are reached only through src/lib/server/restricted/.' }
			]
		}
	},
	{
		// Pure domain code: no I/O, no framework, no environment (see CONVENTIONS.md).
		files: ['src/lib/domain/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{ group: ['node:*', 'fs', 'path', 'kysely', 'postgres', '@electric-sql/*', '$app/*', '$env/*', 'svelte', 'svelte/*', '@sveltejs/*'], message: 'src/lib/domain is pure: no I/O or framework imports.' },
						{ group: ['**/server/**', '$lib/server/**'], message: 'src/lib/domain must not import server code.' }
					]
				}
			]
		}
	}
);
