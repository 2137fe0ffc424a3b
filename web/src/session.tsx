import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api, ApiError } from "./api/client";
import type { User } from "./api/types";
import { connect, disconnect } from "./realtime";

interface Session {
  /** The signed-in account; null when signed out; undefined while asking. */
  user: User | null | undefined;
  reload: () => Promise<User | null>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session>({
  user: null,
  reload: async () => null,
  signOut: async () => {},
});

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);

  const reload = useCallback(async () => {
    try {
      const me = await api<User>("auth/me");
      setUser(me);
      return me;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setUser(null);
        return null;
      }
      throw error;
    }
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api("auth/signout", { method: "POST", noRefresh: true });
    } finally {
      setUser(null);
    }
  }, []);

  useEffect(() => {
    reload().catch(() => setUser(null));
  }, [reload]);

  // Live updates while someone is signed in.
  const signedIn = Boolean(user);
  useEffect(() => {
    if (signedIn) connect();
    else disconnect();
  }, [signedIn]);

  const value = useMemo(() => ({ user, reload, signOut }), [user, reload, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  return useContext(SessionContext);
}
