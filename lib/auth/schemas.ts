import { z } from "zod";

// Shared by the sign-in form and the server: bounds keep hostile input away from argon2 and the database.
export const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your email").max(254, "Email is too long").pipe(z.email("Enter a valid email")),
  password: z.string().min(1, "Enter your password").max(1024, "Password is too long"),
});

export type SignInInput = z.infer<typeof signInSchema>;
