/**
 * The ranked search over a workspace's contacts (a query's plan, the scan of the corpus's masks and text, the top
 * hits, typo marks): dist/search.js (esbuild.mjs), required by the contact index on the first search. Plain and
 * stateless between searches but for each session's buffers: the corpus it reads belongs to the index, in the bundle.
 */
export { ContactSearch } from './contactSearch.js';
