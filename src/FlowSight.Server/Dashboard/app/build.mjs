// Bundles the dashboard into ../../wwwroot (served by FlowSight.Server): app-[hash].js and app-[hash].css (Bootstrap
// included; the hash in the name means a browser never runs a stale bundle after an upgrade) and index.html pointing
// at them. Run by Dashboard.targets during `dotnet build`; `npm run watch` rebuilds on change while developing.
import { context, build } from 'esbuild';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const outdir = path.resolve(here, process.env.FLOWSIGHT_WWWROOT ?? '../../wwwroot');
const watch = process.argv.includes('--watch');

// Writes index.html with the bundle's file names, from esbuild's metafile.
const page = {
  name: 'flowsight-index',
  setup(b) {
    b.onEnd(async (result) => {
      if (result.errors.length || !result.metafile) return;
      const outputs = Object.keys(result.metafile.outputs).map((o) => path.basename(o));
      const js = outputs.find((o) => /^app-.*\.js$/.test(o));
      const css = outputs.find((o) => /^app-.*\.css$/.test(o));
      // Older bundles would pile up in wwwroot (and be copied to every output folder).
      for (const name of await readdir(outdir)) {
        if (/^app-.*\.(js|css|txt)$/.test(name) && !outputs.includes(name)) await rm(path.join(outdir, name));
      }
      const html = (await readFile(path.join(here, 'index.html'), 'utf8')).replace('href="app.css"', `href="${css}"`).replace('src="app.js"', `src="${js}"`);
      await writeFile(path.join(outdir, 'index.html'), html);
    });
  },
};

const options = {
  // main.js imports the styles, so esbuild writes the CSS bundle beside the JS one.
  entryPoints: { app: path.join(here, 'src/main.js') },
  entryNames: '[name]-[hash]',
  outdir,
  bundle: true,
  format: 'esm',
  target: ['es2022'],
  minify: !watch,
  sourcemap: watch ? 'inline' : false,
  legalComments: 'linked',
  logLevel: 'warning',
  metafile: true,
  plugins: [page],
};

await mkdir(outdir, { recursive: true });
if (watch) {
  const ctx = await context(options);
  await ctx.watch();
  console.log(`watching; output in ${outdir}`);
} else {
  await build(options);
  console.log(`dashboard built into ${outdir}`);
}
