import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';

export default defineConfig({
	plugins: [
		// Messages compile from messages/{locale}.json (project.inlang) into src/lib/paraglide (git-ignored;
		// `npm run prepare` and `npm run check` compile it too). The locale is read from the URL prefix
		// (/ur/near-me) first; the hooks keep it in a cookie. See src/lib/i18n/.
		paraglideVitePlugin({ project: './project.inlang', outdir: './src/lib/paraglide', strategy: ['url', 'baseLocale'] }),
		sveltekit()
	],
	ssr: {
		// PGlite and its PostGIS extension load .wasm/.data files relative to their own modules:
		// they must stay in node_modules rather than be bundled.
		external: ['@electric-sql/pglite', '@electric-sql/pglite-postgis', 'postgres']
	},
	optimizeDeps: {
		exclude: ['@electric-sql/pglite', '@electric-sql/pglite-postgis']
	}
});
