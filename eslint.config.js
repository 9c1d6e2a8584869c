import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const SOURCE_FILES = ['src/**/*.ts', 'src/**/*.svelte', 'scripts/**/*.ts'];

const RESTRICTED_SCHEMA_IMPORT = {
	group: ['**/restricted/schema', '$lib/server/restricted/schema'],
	message: 'Only src/lib/server/restricted/ may use the person-level schema.'
};
const RESTRICTED_TABLE_NAMES = [
	{ selector: 'Literal[value=/restricted\\./]', message: 'Person-level tables are reached only through src/lib/server/restricted/.' },
	{ selector: 'TemplateElement[value.raw=/restricted\\./]', message: 'Person-level tables are reached only through src/lib/server/restricted/.' }
];

/** Where SQL may be written (CONVENTIONS.md): a capability's queries.ts, and the migrator. */
const SQL_ALLOWED = ['**/queries.ts', 'src/lib/server/db/migrator.ts'];
const SQL_MESSAGE = 'SQL is written only in a capability\'s queries.ts (or the migrator); call a function from there.';
const SQL_IMPORT = { name: 'kysely', importNames: ['sql'], message: SQL_MESSAGE };
const QUERY_BUILDER_CALLS = [
	{
		selector: 'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|with|withRecursive|selectNoFrom)$/]',
		message: SQL_MESSAGE
	}
];

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', '.data/', 'tests/e2e/screenshots/', 'src/lib/paraglide/'] },
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
		files: SOURCE_FILES,
		ignores: ['src/lib/server/restricted/**'],
		rules: {
			'no-restricted-imports': ['error', { patterns: [RESTRICTED_SCHEMA_IMPORT] }],
			'no-restricted-syntax': ['error', ...RESTRICTED_TABLE_NAMES]
		}
	},
	{
		// SQL only in a capability's queries.ts (and the migrator): elsewhere neither Kysely's `sql`
		// nor a query builder call. Listed again with the rules above because a later block's
		// options replace an earlier one's for the same rule.
		files: SOURCE_FILES,
		ignores: [
			'src/lib/server/restricted/**',
			...SQL_ALLOWED
		],
		rules: {
			'no-restricted-imports': ['error', { paths: [SQL_IMPORT], patterns: [RESTRICTED_SCHEMA_IMPORT] }],
			'no-restricted-syntax': ['error', ...RESTRICTED_TABLE_NAMES, ...QUERY_BUILDER_CALLS]
		}
	},
	{
		// The person-level module is held to the same rule: its SQL lives in restricted/queries.ts.
		files: ['src/lib/server/restricted/**/*.ts'],
		ignores: SQL_ALLOWED,
		rules: {
			'no-restricted-imports': ['error', { paths: [SQL_IMPORT] }],
			'no-restricted-syntax': ['error', ...QUERY_BUILDER_CALLS]
		}
	},
	{
		// Wire types cross between server and browser through src/lib/contracts only: the map code
		// never imports the server's modules, and the server never imports the map's (issue 10).
		// A rule of its own name, so it adds to the import rules above instead of replacing them.
		files: ['src/lib/map/**/*.ts', 'src/lib/map/**/*.svelte', 'src/lib/contracts/**/*.ts'],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{ patterns: [{ group: ['**/server/**', '$lib/server/**'], message: 'Browser and contract code do not import the server; share types through src/lib/contracts.' }] }
			]
		}
	},
	{
		files: ['src/lib/server/**/*.ts'],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{ patterns: [{ group: ['**/map/**', '$lib/map/**'], message: 'The server does not import the map code; share types through src/lib/contracts.' }] }
			]
		}
	},
	{
		// Contracts are types only: nothing in them runs, so both sides can import them freely.
		files: ['src/lib/contracts/**/*.ts'],
		rules: {
			'no-restricted-syntax': [
				'error',
				...RESTRICTED_TABLE_NAMES,
				...QUERY_BUILDER_CALLS,
				{ selector: 'Program > :matches(VariableDeclaration, FunctionDeclaration, ClassDeclaration, ExpressionStatement)', message: 'src/lib/contracts holds types only.' },
				{ selector: 'ExportNamedDeclaration > :matches(VariableDeclaration, FunctionDeclaration, ClassDeclaration)', message: 'src/lib/contracts holds types only.' },
				{ selector: 'ImportDeclaration[importKind="value"]', message: 'src/lib/contracts imports types only (import type).' }
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
