// Bundles the dashboard into ../../wwwroot (served by FlowSight.Server): app.js, app.css (Bootstrap included) and
// index.html. Run by Dashboard.targets during `dotnet build`; `npm run watch` rebuilds on change while developing.
import { build, context } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const outdir = path.resolve(here, process.env.FLOWSIGHT_WWWROOT ?? '../../wwwroot');
const watch = process.argv.includes('--watch');

const options = {
  // main.js imports the styles, so esbuild writes app.css beside app.js.
  entryPoints: { app: path.join(here, 'src/main.js') },
  outdir,
  bundle: true,
  format: 'esm',
  target: ['es2022'],
  minify: !watch,
  sourcemap: watch ? 'inline' : false,
  legalComments: 'linked',
  logLevel: 'warning',
};

await mkdir(outdir, { recursive: true });
if (watch) {
  const ctx = await context(options);
  await ctx.watch();
  await copyFile(path.join(here, 'index.html'), path.join(outdir, 'index.html'));
  console.log(`watching; output in ${outdir}`);
} else {
  await build(options);
  await copyFile(path.join(here, 'index.html'), path.join(outdir, 'index.html'));
  console.log(`dashboard built into ${outdir}`);
}
