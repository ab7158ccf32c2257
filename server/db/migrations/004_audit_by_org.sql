-- Administrative audit records (accounts, inbox membership, sign-in policy) have no client:
-- they are listed per organisation and period.
CREATE INDEX "audit__byOrg" ON "audit" (((doc->>'orgId') COLLATE "C"), ((doc->>'at') COLLATE "C"), id);
