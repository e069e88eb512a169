package dev.sio4ee.it.app.cdi;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Test application: GET /test/journal?key=K answers the journal entries of K as a JSON array. */
@WebServlet("/test/journal")
public class JournalServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    transient Journal journal;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        JsonArrayBuilder a = Json.createArrayBuilder();
        journal.get(req.getParameter("key")).forEach(a::add);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.getWriter().write(a.build().toString());
    }
}
