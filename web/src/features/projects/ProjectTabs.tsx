/**
 * The project page's extra tabs, after its own (gate and milestones, tasks, parties, history).
 *
 * EXTENSION POINT: other features add their tab here — import the component and append one entry
 * to PROJECT_EXTRA_TABS, e.g. communication ("沟通": threads and minutes), engagement ("参与度")
 * and outcomes ("成果与分配"). The label is a translation key of the feature's own locale files;
 * `render` gets the loaded project and a callback that reloads it.
 */
import type { ReactNode } from 'react';
import type { Project } from './api';
import { CommunicationTab } from './communication/CommunicationTab';
import { EngagementTab } from './engagement/EngagementTab';
import { OutcomesTab } from '../outcomes/OutcomesTab';

export interface ProjectTabContext {
  project: Project;
  /** Loads the project again (e.g. after an action that changes its gate or parties). */
  reload: () => void;
}

export interface ProjectTab {
  /** The tab's key, also its URL (?tab=key). */
  key: string;
  /** Translation key of the tab's label. */
  labelKey: string;
  render: (context: ProjectTabContext) => ReactNode;
}

export const PROJECT_EXTRA_TABS: ProjectTab[] = [
  // Add tabs below this line, one entry per feature.
  {
    key: 'communication',
    labelKey: 'projectComm.tab',
    render: ({ project }) => <CommunicationTab projectId={project.id} />,
  },
  {
    key: 'engagement',
    labelKey: 'projectEngagement.tab',
    render: ({ project }) => <EngagementTab projectId={project.id} />,
  },
  {
    key: 'outcomes',
    labelKey: 'outcomes.tab',
    render: ({ project }) => <OutcomesTab projectId={project.id} />,
  },
];
