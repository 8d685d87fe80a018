-- Approvals are signed by who gave them (issue 15): the approving user's token subject, name and
-- role, set when an approval is given through the API. Approvals stored before, and approvals
-- imported from a workbook, keep NULL: they were recorded without a signed-in user.
ALTER TABLE "adjustment_approval" ADD COLUMN "signer_subject" TEXT;
ALTER TABLE "adjustment_approval" ADD COLUMN "signer_name" TEXT;
ALTER TABLE "adjustment_approval" ADD COLUMN "signer_role" TEXT;
