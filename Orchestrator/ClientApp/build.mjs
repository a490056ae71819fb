import { build } from 'esbuild';

// One IIFE bundle (and its CSS) that the Blazor pages call through window.orchestratorModeler.
await build({
  entryPoints: ['src/modeler.js'],
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'iife',
  target: ['es2020'],
  outfile: '../wwwroot/js/modeler.js',
  loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.eot': 'dataurl', '.ttf': 'dataurl', '.svg': 'dataurl' },
  logLevel: 'warning',
});
