import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { errorResponses, userActor } from '../../platform/http/route-helpers.js';
import {
  AdvanceBody,
  CompleteMilestoneBody,
  CreateMilestoneBody,
  CreateProjectBody,
  CreateTaskBody,
  ListProjectsQuery,
  ListTasksQuery,
  MilestoneParams,
  ProjectIdParams,
  ProjectListSchema,
  ProjectSchema,
  ReasonBody,
  ReopenMilestoneBody,
  ResumeBody,
  SignOffBody,
  StageParams,
  TaskListSchema,
  TaskParams,
  TaskSchema,
  UpdateMilestoneBody,
  UpdateProjectBody,
  UpdateTaskBody,
} from './schemas.js';
import * as projects from './service.js';

/** Projects: creation, the stage machine with gates and sign-offs, milestones with evidence, tasks. */
export function projectRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['projects'];
    const project = { 200: ProjectSchema, ...errorResponses(400, 401, 403, 404, 409) };

    app.get('/api/v1/projects', {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'Projects your organisations take part in (all of them for the cluster office and the auditor unless mine=true)',
        querystring: ListProjectsQuery,
        response: { 200: ProjectListSchema, ...errorResponses(400, 401) },
      },
      handler: (request) => projects.listProjects(ctx, userActor(request), request.query),
    });

    app.post('/api/v1/projects', {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'Create a consortium’s project (admins of its lead) or a bilateral one from an agreed match (admins of a side)',
        body: CreateProjectBody,
        response: { 201: ProjectSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: async (request, reply) =>
        reply.status(201).send(await projects.createProject(ctx, userActor(request), request.body)),
    });

    app.get('/api/v1/projects/:id', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'A project with its parties, milestones, gate status and history',
        params: ProjectIdParams,
        response: { 200: ProjectSchema, ...errorResponses(400, 401, 404) },
      },
      handler: (request) => projects.getProject(ctx, userActor(request), request.params.id),
    });

    app.patch('/api/v1/projects/:id', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Edit the title, summary or silence threshold (admins of the lead)',
        params: ProjectIdParams,
        body: UpdateProjectBody,
        response: project,
      },
      handler: (request) => projects.updateProject(ctx, userActor(request), request.params.id, request.body),
    });

    app.post('/api/v1/projects/:id/advance', {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'Pass the gate out of the current stage (admins of the lead); refused with what is missing while it does not open',
        params: ProjectIdParams,
        body: AdvanceBody,
        response: project,
      },
      handler: (request) =>
        projects.actOnStage(ctx, userActor(request), request.params.id, 'advance', request.body),
    });

    app.post('/api/v1/projects/:id/suspend', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Suspend the project, with a reason (admins of the lead)',
        params: ProjectIdParams,
        body: ReasonBody,
        response: project,
      },
      handler: (request) =>
        projects.actOnStage(ctx, userActor(request), request.params.id, 'suspend', request.body),
    });

    app.post('/api/v1/projects/:id/resume', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Resume a suspended project (admins of the lead)',
        params: ProjectIdParams,
        body: ResumeBody,
        response: project,
      },
      handler: (request) =>
        projects.actOnStage(ctx, userActor(request), request.params.id, 'resume', request.body),
    });

    app.post('/api/v1/projects/:id/terminate', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Terminate the project, with a reason; final (admins of the lead)',
        params: ProjectIdParams,
        body: ReasonBody,
        response: project,
      },
      handler: (request) =>
        projects.actOnStage(ctx, userActor(request), request.params.id, 'terminate', request.body),
    });

    app.post('/api/v1/projects/:id/milestones', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Add a milestone to the current or a later stage (admins of the lead)',
        params: ProjectIdParams,
        body: CreateMilestoneBody,
        response: project,
      },
      handler: (request) =>
        projects.createMilestone(ctx, userActor(request), request.params.id, request.body),
    });

    app.patch('/api/v1/projects/:id/milestones/:milestoneId', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Edit a milestone (admins of the lead)',
        params: MilestoneParams,
        body: UpdateMilestoneBody,
        response: project,
      },
      handler: (request) =>
        projects.updateMilestone(
          ctx,
          userActor(request),
          request.params.id,
          request.params.milestoneId,
          request.body,
        ),
    });

    app.post('/api/v1/projects/:id/milestones/:milestoneId/complete', {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'Mark a milestone done with evidence: a document reference or a URL, and a note (the responsible party or the lead’s admins)',
        params: MilestoneParams,
        body: CompleteMilestoneBody,
        response: project,
      },
      handler: (request) =>
        projects.completeMilestone(
          ctx,
          userActor(request),
          request.params.id,
          request.params.milestoneId,
          request.body,
        ),
    });

    app.post('/api/v1/projects/:id/milestones/:milestoneId/reopen', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Reopen a done milestone, with a reason; the stage’s sign-offs are withdrawn',
        params: MilestoneParams,
        body: ReopenMilestoneBody,
        response: project,
      },
      handler: (request) =>
        projects.reopenMilestone(
          ctx,
          userActor(request),
          request.params.id,
          request.params.milestoneId,
          request.body,
        ),
    });

    app.post('/api/v1/projects/:id/stages/:stage/signoffs', {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'Sign off the gate out of the current stage for your organisation (an admin of a party the charter names for the stage)',
        params: StageParams,
        body: SignOffBody,
        response: project,
      },
      handler: (request) =>
        projects.signOff(ctx, userActor(request), request.params.id, request.params.stage, request.body),
    });

    app.get('/api/v1/projects/:id/tasks', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'The project’s tasks, by status, stage, assignee or overdue',
        params: ProjectIdParams,
        querystring: ListTasksQuery,
        response: { 200: TaskListSchema, ...errorResponses(400, 401, 404) },
      },
      handler: (request) => projects.listTasks(ctx, userActor(request), request.params.id, request.query),
    });

    app.post('/api/v1/projects/:id/tasks', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Add a task for a party, optionally one of its users (members of a party)',
        params: ProjectIdParams,
        body: CreateTaskBody,
        response: { 201: TaskSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: async (request, reply) =>
        reply
          .status(201)
          .send(await projects.createTask(ctx, userActor(request), request.params.id, request.body)),
    });

    app.patch('/api/v1/projects/:id/tasks/:taskId', {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'Move a task (the assigned party, its creator, the lead’s admins) or edit it (its creator, the lead’s admins)',
        params: TaskParams,
        body: UpdateTaskBody,
        response: { 200: TaskSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: (request) =>
        projects.updateTask(ctx, userActor(request), request.params.id, request.params.taskId, request.body),
    });
  };
}
