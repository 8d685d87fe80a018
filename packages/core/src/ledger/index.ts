// The temporary-task ledger (L5): register, close, status on a date.
// The names this concept offers the rest of the core and the package index; the others are its own.
export {
  closeTemporaryTask,
  registerTemporaryTask,
  registrationErrors,
  type TemporaryTaskRegistration,
} from "./task-registration.ts";
export {
  coverageStart,
  isTaskInForce,
  TASK_AUTHORITY_NAMES,
  type TaskAuthority,
  type TaskCoverage,
  type TaskDecision,
  type TemporaryTask,
  type TemporaryTaskStatus,
  type TemporaryTasksAsOfOptions,
  type TemporaryTaskView,
  type TownshipTaskRole,
  taskAsOf,
  taskCoverage,
  temporaryTaskStatus,
  temporaryTasksAsOf,
} from "./temporary-task.ts";
