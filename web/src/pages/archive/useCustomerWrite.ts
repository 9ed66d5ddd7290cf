import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { ApiProblem } from '../../api/problems.js';

/**
 * What every write on one customer's page does around its request: on 412 (someone changed
 * the customer since it was read) read it again, so what they wrote shows and a resend names
 * the new version; on success read it again and say what was done.
 */
export const useCustomerWrite = (customerId: string, doneText: string) => {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const reread = () => void queryClient.invalidateQueries({ queryKey: ['customer', customerId] });
  return {
    guarded: <R>(write: Promise<R>): Promise<R> =>
      write.catch((error: unknown) => {
        if (error instanceof ApiProblem && error.problem.status === 412) reread();
        throw error;
      }),
    done: () => {
      reread();
      void message.success(doneText);
    },
  };
};
