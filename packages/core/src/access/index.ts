// Who may do what: roles scoped to a county, the actor a request acts as, and the role ×
// operation matrix every query, mutation and download is checked against.
export {
  ACCESS_POLICY,
  type AccessRefusal,
  type AccessTarget,
  authorize,
  isOperationName,
  type OperationAccess,
  type OperationKind,
  type OperationName,
} from "./access-policy.ts";
export {
  ACCESS_ROLE_NAMES,
  ACCESS_ROLES,
  type AccessRole,
  type Actor,
  actsInCounty,
  isAccessRole,
  LOCAL_ADMINISTRATOR,
} from "./roles.ts";
