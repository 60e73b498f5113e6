// Who is signed in, for every page: { id, email, role, partner } or null.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export const SessionContext = createContext(null);
export const useMe = () => useContext(SessionContext);

export const VENDOR_ROLES = ['admin', 'partner_manager', 'marketing', 'finance', 'solution_engineer'];
export const isPartner = (me) => !!me && (me.role === 'partner_admin' || me.role === 'partner_user');
export const isVendor = (me) => !!me && VENDOR_ROLES.includes(me.role);
/** Whether the signed-in user has one of the roles. */
export const can = (me, ...roles) => !!me && roles.includes(me.role);

export const ROLE_NAMES = {
  admin: 'Administrator',
  partner_manager: 'Partner manager',
  marketing: 'Marketing',
  finance: 'Finance',
  solution_engineer: 'Solution engineer',
  partner_admin: 'Partner administrator',
  partner_user: 'Partner user',
};
