package io.wharf.edge.admin;

/** A request the API cannot answer as asked (a bad filter or limit): answered with 400. */
public final class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message);
    }
}
