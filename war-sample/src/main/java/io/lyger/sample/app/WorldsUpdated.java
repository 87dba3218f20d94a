package io.lyger.sample.app;

/** CDI event fired by {@link WorldService#update(int)} after each committed update of {@code rows} worlds. */
public record WorldsUpdated(int rows)
{
}
