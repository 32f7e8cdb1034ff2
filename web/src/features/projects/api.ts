/** The projects API: list, create, the stage machine, milestones, sign-offs and tasks. */
import type { ApiClient, QueryValue } from '../../api/client';
import { seg } from '../../api/client';
import type {
  CompleteMilestoneBody,
  CreateMilestoneBody,
  CreateProjectBody,
  CreateTaskBody,
  Milestone,
  Project,
  ProjectList,
  ProjectStage,
  ProjectStatus,
  ProjectSummary,
  StageAction,
  Task,
  TaskList,
  UpdateMilestoneBody,
  UpdateProjectBody,
  UpdateTaskBody,
} from '../../../../src/modules/projects/schemas';
import type { ConsortiumList } from '../../../../src/modules/consortia/schemas';
import type { MatchList } from '../../../../src/modules/matches/schemas';

export type { Milestone, Project, ProjectSummary, Task };

const base = '/api/v1/projects';

export interface ProjectQuery extends Record<string, QueryValue> {
  consortium?: string | undefined;
  status?: ProjectStatus | undefined;
  stage?: ProjectStage | undefined;
  mine?: 'true' | undefined;
  limit: number;
  offset: number;
}

export const listProjects = (api: ApiClient, query: ProjectQuery, signal?: AbortSignal) =>
  api.get<ProjectList>(base, { query, signal });

export const getProject = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.get<Project>(`${base}/${seg(id)}`, { signal });

export const createProject = (api: ApiClient, body: CreateProjectBody) => api.post<Project>(base, body);

/** Changes the title or summary (the lead's admins); a stale `version` is a 409. */
export const updateProject = (api: ApiClient, id: string, body: UpdateProjectBody) =>
  api.patch<Project>(`${base}/${seg(id)}`, body);

export const stageAction = (
  api: ApiClient,
  id: string,
  action: StageAction,
  body: { version: number; reason?: string; note?: string },
) => api.post<Project>(`${base}/${seg(id)}/${action}`, body);

export const createMilestone = (api: ApiClient, id: string, body: CreateMilestoneBody) =>
  api.post<Project>(`${base}/${seg(id)}/milestones`, body);

/** Edits a milestone (the lead's admins); a stale `version` is a 409. */
export const updateMilestone = (api: ApiClient, id: string, milestoneId: string, body: UpdateMilestoneBody) =>
  api.patch<Project>(`${base}/${seg(id)}/milestones/${seg(milestoneId)}`, body);

export const completeMilestone = (
  api: ApiClient,
  id: string,
  milestoneId: string,
  body: CompleteMilestoneBody,
) => api.post<Project>(`${base}/${seg(id)}/milestones/${seg(milestoneId)}/complete`, body);

export const reopenMilestone = (
  api: ApiClient,
  id: string,
  milestoneId: string,
  body: { version: number; reason: string },
) => api.post<Project>(`${base}/${seg(id)}/milestones/${seg(milestoneId)}/reopen`, body);

export const signOff = (api: ApiClient, id: string, stage: ProjectStage, organizationId: string) =>
  api.post<Project>(`${base}/${seg(id)}/stages/${seg(stage)}/signoffs`, { organizationId });

export const listTasks = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.get<TaskList>(`${base}/${seg(id)}/tasks`, { signal });

export const createTask = (api: ApiClient, id: string, body: CreateTaskBody) =>
  api.post<Task>(`${base}/${seg(id)}/tasks`, body);

export const updateTask = (api: ApiClient, id: string, taskId: string, body: UpdateTaskBody) =>
  api.patch<Task>(`${base}/${seg(id)}/tasks/${seg(taskId)}`, body);

/** The caller's consortia (to pick one to create a project in). */
export const myConsortia = (api: ApiClient, signal?: AbortSignal) =>
  api.get<ConsortiumList>('/api/v1/consortia', { query: { scope: 'mine', limit: 100, offset: 0 }, signal });

/** The caller's agreed matches (a bilateral project grows out of one). */
export const agreedMatches = (api: ApiClient, signal?: AbortSignal) =>
  api.get<MatchList>('/api/v1/matches', { query: { status: 'agreed', limit: 100, offset: 0 }, signal });
