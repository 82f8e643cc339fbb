package dev.backfillstudio.verify;

/** Follows a verify of several days; called on the verifying thread after each day. */
@FunctionalInterface
public interface VerifyListener {

    VerifyListener NONE = (result, done, total) -> { };

    void dayVerified(VerifyResult result, int done, int total);
}
