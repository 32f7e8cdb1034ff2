/** The outcomes API: a project's outcomes and income, organisations' accounts, and share transfers. */
import type { ApiClient } from '../../api/client';
import { seg } from '../../api/client';
import type {
  Account,
  CompleteTransferBody,
  Income,
  IncomeList,
  OfferTransferBody,
  Outcome,
  OutcomeList,
  RecordIncomeBody,
  RecordOutcomeBody,
  RespondTransferBody,
  Transfer,
  TransferList,
  WithdrawTransferBody,
} from '../../../../src/modules/outcomes/schemas';

export type { Account, Income, IncomeList, Outcome, OutcomeList, Transfer, TransferList };
export {
  INCOME_KINDS,
  OUTCOME_KINDS,
  TRANSFER_KINDS,
  type IncomeKind,
  type OutcomeKind,
  type TransferKind,
  type TransferStatus,
} from '../../../../src/modules/outcomes/schemas';

const projects = '/api/v1/projects';
const outcomes = '/api/v1/outcomes';

export const listOutcomes = (api: ApiClient, projectId: string, signal?: AbortSignal) =>
  api.get<OutcomeList>(`${projects}/${seg(projectId)}/outcomes`, { signal });

export const recordOutcome = (api: ApiClient, projectId: string, body: RecordOutcomeBody) =>
  api.post<Outcome>(`${projects}/${seg(projectId)}/outcomes`, body);

export const listIncome = (api: ApiClient, projectId: string, signal?: AbortSignal) =>
  api.get<IncomeList>(`${projects}/${seg(projectId)}/income`, { signal });

export const recordIncome = (api: ApiClient, projectId: string, body: RecordIncomeBody) =>
  api.post<Income>(`${projects}/${seg(projectId)}/income`, body);

export const getAccount = (api: ApiClient, organizationId: string, signal?: AbortSignal) =>
  api.get<Account>(`/api/v1/organizations/${seg(organizationId)}/account`, { signal });

export const listTransfers = (api: ApiClient, outcomeId: string, signal?: AbortSignal) =>
  api.get<TransferList>(`${outcomes}/${seg(outcomeId)}/transfers`, { signal });

export const offerTransfer = (api: ApiClient, outcomeId: string, body: OfferTransferBody) =>
  api.post<Transfer>(`${outcomes}/${seg(outcomeId)}/transfers`, body);

export const respondTransfer = (
  api: ApiClient,
  outcomeId: string,
  transferId: string,
  body: RespondTransferBody,
) => api.post<Transfer>(`${outcomes}/${seg(outcomeId)}/transfers/${seg(transferId)}/respond`, body);

export const completeTransfer = (
  api: ApiClient,
  outcomeId: string,
  transferId: string,
  body: CompleteTransferBody,
) => api.post<Transfer>(`${outcomes}/${seg(outcomeId)}/transfers/${seg(transferId)}/complete`, body);

export const withdrawTransfer = (
  api: ApiClient,
  outcomeId: string,
  transferId: string,
  body: WithdrawTransferBody,
) => api.post<Transfer>(`${outcomes}/${seg(outcomeId)}/transfers/${seg(transferId)}/withdraw`, body);

export const getOutcome = (api: ApiClient, outcomeId: string, signal?: AbortSignal) =>
  api.get<Outcome>(`${outcomes}/${seg(outcomeId)}`, { signal });
