/** Dependencies point inward: public (the package's entry points), api, cli → exports, app → projections → store → domain. */
const layer = (from, forbidden) => ({
  name: `${from}-not-to-${forbidden.join('-')}`,
  severity: 'error',
  from: { path: `^src/${from}/` },
  to: { path: `^src/(${forbidden.join('|')})/` },
});

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    layer('domain', ['store', 'projections', 'app', 'api', 'cli', 'exports', 'public']),
    layer('store', ['projections', 'app', 'api', 'cli', 'exports', 'public']),
    layer('projections', ['app', 'api', 'cli', 'exports', 'public']),
    layer('app', ['api', 'cli', 'exports', 'public']),
    layer('exports', ['api', 'cli', 'public']),
    layer('api', ['cli', 'public']),
    layer('cli', ['public']),
    // Metrics and tracing are used by every layer, so they use none.
    layer('observability', ['domain', 'store', 'projections', 'app', 'api', 'cli', 'exports', 'public']),
    {
      name: 'domain-is-pure',
      comment: 'The domain neither talks to a database nor to HTTP.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '(^|/)node_modules/(pg|@electric-sql|express|pino|jose|exceljs|commander)/' },
    },
    {
      name: 'contexts-stay-apart',
      comment: 'A context never reads another context; shared types live in domain/shared.',
      severity: 'error',
      from: { path: '^src/domain/(customer|grading|credit|complaint|staff)/' },
      to: { path: '^src/domain/(customer|grading|credit|complaint|staff)/', pathNot: '^src/domain/$1/' },
    },
    {
      name: 'contexts-through-their-index',
      comment: 'Other modules use a context through its index.ts.',
      severity: 'error',
      from: { path: '^src/(?!domain/)' },
      to: { path: '^src/domain/(customer|grading|credit|complaint|staff)/(?!index\\.ts$)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
