import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, type UserConfig } from 'wxt';
import base from '../../../wxt.config';

/**
 * The project's WXT config with source maps, built to a temporary folder:
 * the side panel benchmark uses it to say which modules the code size and
 * CPU time come from. Same sources and plugins, so the same chunks. WXT also
 * rewrites .wxt/ from it (its tsconfig excludes this output folder): the
 * benchmark runs the project's own build (or `wxt prepare`) after it.
 */
const vite = base.vite;
export const ANALYZE_OUT = process.env.NZ_ANALYZE_OUT ?? join(tmpdir(), 'nz-bench-analyze');

export default defineConfig({
  ...(base as UserConfig),
  outDir: ANALYZE_OUT,
  vite: async (env) => {
    const v = vite ? await vite(env) : {};
    return { ...v, build: { ...v.build, sourcemap: true } };
  },
});
