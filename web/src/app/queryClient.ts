import { QueryClient } from '@tanstack/react-query';
import { ApiProblem } from '../api/problems.js';

/** The console's one cache of answers (what the screens read, and what `preloadScreen` asks for ahead of them). */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal is an answer, not a flaky network: only network failures are retried.
      retry: (count, error) => !(error instanceof ApiProblem) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 10_000,
    },
  },
});
