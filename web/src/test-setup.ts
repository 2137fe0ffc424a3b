import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

// Each test draws into an empty document.
afterEach(cleanup);
