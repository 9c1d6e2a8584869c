import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
	plugins: [sveltekit()],
	ssr: {
		// PGlite and its PostGIS extension load .wasm/.data files relative to their own modules:
		// they must stay in node_modules rather than be bundled.
		external: ['@electric-sql/pglite', '@electric-sql/pglite-postgis', 'postgres']
	},
	optimizeDeps: {
		exclude: ['@electric-sql/pglite', '@electric-sql/pglite-postgis']
	}
});
